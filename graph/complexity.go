package graph

import (
	"github.com/vektah/gqlparser/v2/ast"

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
//     modelProjectsCost;
//   - upsertAiModels multiplies its payload by its number of entries.
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
	c.Mutation.UpsertAiModels = func(child int, input gqlmodel.UpsertAiModelsInput) int {
		return batchSize(len(input.Models)) * child
	}
	return c
}

// batchSize is how many single mutations a batch field stands for, priced
// at the maximum when over it (the resolver refuses that).
func batchSize(n int) int { return min(max(n, 1), models.MaxUpsertBatch) }

// batchOf is how many single mutations a top-level field stands for: the
// entries of upsertAiModels, 1 for any other field. cost.go charges each
// entry like the single mutation, so a batch of N costs what N calls would.
func batchOf(f *ast.Field, vars map[string]any) int {
	if f.Name != "upsertAiModels" || f.ObjectDefinition == nil || f.ObjectDefinition.Name != "Mutation" {
		return 1
	}
	input, _ := f.ArgumentMap(vars)["input"].(map[string]any)
	entries, _ := input["models"].([]any)
	return batchSize(len(entries))
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
