package graph

import (
	"keyward/graph/gqlmodel"
	"keyward/models"
)

// Query cost, checked against MaxComplexity before anything runs. A
// selected field costs 1 plus what is selected inside it, except:
//   - a top-level query field costs rootCost more: each one is at least a
//     database round trip, so a query cannot alias hundreds of them;
//   - a connection (projects, aiModels, risks) multiplies what is selected
//     inside it by its page size (`first`, default 20), so asking for 100
//     rows costs 100 times one row;
//   - auditEvents multiplies by its limit, nodes by its number of ids (at
//     most MaxNodeIDs), and AiModel.projects (an unpaged list) by
//     modelProjectsCost.
const (
	rootCost          = 10
	modelProjectsCost = 5
)

func complexity() ComplexityRoot {
	var c ComplexityRoot
	root := func(child int) int { return rootCost + child }
	c.Query.Whoami = root
	c.Query.Me = root
	c.Query.SetupRequired = root
	c.Query.Users = root
	c.Query.Members = root
	c.Query.APIKeys = root
	c.Query.RateLimit = func(child int, _ bool) int { return root(child) }
	c.Query.AuditEvents = func(child int, limit *int) int { return rootCost + child*clampCost(limit, 100, 500) }
	c.Query.Project = func(child int, _ string) int { return root(child) }
	c.Query.AiModel = func(child int, _ string) int { return root(child) }
	c.Query.Risk = func(child int, _ string) int { return root(child) }
	c.Query.Node = func(child int, _ string) int { return root(child) }
	c.Query.Nodes = func(child int, ids []string) int { return rootCost + child*min(max(len(ids), 1), models.MaxNodeIDs) }
	c.Query.Projects = func(child int, first *int, _ *string, _ *gqlmodel.ProjectFilter) int { return pageCost(child, first) }
	c.Query.AiModels = func(child int, first *int, _ *string, _ *gqlmodel.AiModelFilter) int { return pageCost(child, first) }
	c.Query.Risks = func(child int, first *int, _ *string, _ *gqlmodel.RiskFilter) int { return pageCost(child, first) }
	c.AiModel.Projects = func(child int) int { return 1 + modelProjectsCost*child }
	return c
}

func pageCost(child int, first *int) int {
	return rootCost + child*clampCost(first, models.DefaultPageSize, models.MaxPageSize)
}

// clampCost prices a size argument; out-of-range values are refused by the
// resolver, and are priced at the maximum here.
func clampCost(n *int, def, max int) int {
	switch {
	case n == nil:
		return def
	case *n < 1:
		return 1
	case *n > max:
		return max
	}
	return *n
}
