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
//   - every list multiplies what is selected inside it by the most rows it
//     can return, so no list costs the same whatever it returns:
//     connections (projects, aiModels, risks, users, members,
//     apiKeyConnection, auditLog) by their page size (`first`), auditEvents
//     by its limit, nodes by its number of ids (at most MaxNodeIDs),
//     apiKeys by the per-organisation key limit (KEYWARD_MAX_API_KEYS: with
//     a high limit it is refused, and apiKeyConnection is the way to read
//     the keys; the SPA does), ApiKey.usage by
//     its weeks (days/7, rounded up: a day is one small row of counters,
//     and every key's days come from one query) and ApiKey.insights by the
//     number of insight kinds;
//   - AiModel.projects (unpaged, at most 100 links) by modelProjectsCost,
//     an estimate: pricing every model at 100 links would refuse any page
//     of models that selects them;
//   - upsertAiModels multiplies its payload by its number of entries.
//
// note: server/cost_test.go walks the schema; a new list field without a
// rule here fails it.
const (
	rootCost          = 10
	modelProjectsCost = 5
)

func complexity(maxAPIKeys int) ComplexityRoot {
	var c ComplexityRoot
	root := func(child int) int { return rootCost + child }
	c.Query.Whoami = root
	c.Query.Me = root
	c.Query.SetupRequired = root
	c.Query.Users = func(child int, first *int, _ *string) int { return pageCost(child, first) }
	c.Query.Members = func(child int, first *int, _ *string) int { return pageCost(child, first) }
	c.Query.APIKeys = func(child int) int { return rootCost + child*max(maxAPIKeys, 1) }
	c.Query.APIKeyConnection = func(child int, first *int, _ *string) int { return pageCost(child, first) }
	c.Query.RateLimit = func(child int, _ bool) int { return root(child) }
	c.Query.AuditEvents = func(child int, limit *int) int { return rootCost + child*clampCost(limit, 100, 500) }
	c.Query.Project = func(child int, _ string) int { return root(child) }
	c.Query.AiModel = func(child int, _ string) int { return root(child) }
	c.Query.Risk = func(child int, _ string) int { return root(child) }
	c.Query.Node = func(child int, _ string) int { return root(child) }
	c.Query.Nodes = func(child int, ids []string) int { return rootCost + child*min(max(len(ids), 1), models.MaxNodeIDs) }
	c.Query.Projects = func(child int, first *int, _ *string, _ *gqlmodel.ProjectFilter, _ *models.ListOrder) int {
		return pageCost(child, first)
	}
	c.Query.AiModels = func(child int, first *int, _ *string, _ *gqlmodel.AiModelFilter, _ *models.ListOrder) int {
		return pageCost(child, first)
	}
	c.Query.AuditLog = func(child int, first *int, _ *string, _ *gqlmodel.AuditFilter) int {
		return rootCost + child*clampCost(first, models.DefaultAuditPageSize, models.MaxPageSize)
	}
	c.Query.Risks = func(child int, first *int, _ *string, _ *gqlmodel.RiskFilter, _ *models.ListOrder) int {
		return pageCost(child, first)
	}
	c.AiModel.Projects = func(child int) int { return 1 + modelProjectsCost*child }
	c.ApiKey.Usage = func(child int, days *int) int {
		return 1 + child*((clampCost(days, 30, models.MaxUsageDays)+6)/7)
	}
	c.ApiKey.Insights = func(child int) int { return 1 + child*len(models.InsightKinds) }
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
