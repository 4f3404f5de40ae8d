package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"keyward/graph/gqlmodel"
	"keyward/models"
)

// Conversions from GraphQL inputs to models.Opt. gqlgen gives nullable input
// fields as Omittable, which tells a field left out from an explicit null.

// change is an update field: left out keeps the value, null clears it.
func change[T any](o graphql.Omittable[*T]) models.Opt[T] {
	v, set := o.ValueOK()
	return models.Opt[T]{Set: set, Value: v}
}

// given is a create field: left out or null both mean "use the default".
func given[T any](o graphql.Omittable[*T]) models.Opt[T] {
	v := o.Value()
	return models.Opt[T]{Set: v != nil, Value: v}
}

// required is a non-null create field: always set.
func required[T any](v T) models.Opt[T] { return models.Opt[T]{Set: true, Value: &v} }

// idList is a list of ids: null is the same as [] (no links).
func idList(o graphql.Omittable[[]string], create bool) models.Opt[[]string] {
	v, set := o.ValueOK()
	if !set || (create && v == nil) {
		return models.Opt[[]string]{}
	}
	if v == nil {
		v = []string{}
	}
	return models.Opt[[]string]{Set: true, Value: &v}
}

// page bundles a list's arguments, and whether the query selects its
// totalCount.
func page(ctx context.Context, first *int, after *string) models.PageArgs {
	return orderedPage(ctx, first, after, nil)
}

// orderedPage is page for a governance list, which also takes orderBy.
func orderedPage(ctx context.Context, first *int, after *string, orderBy *models.ListOrder) models.PageArgs {
	return models.PageArgs{First: first, After: after, Order: orderBy, WithTotal: selects(ctx, "totalCount")}
}

// selects reports whether the field being resolved selects the named field.
func selects(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// optString is a filter's text: null and left out both mean no filter.
func optString(o graphql.Omittable[*string]) string {
	if v := o.Value(); v != nil {
		return *v
	}
	return ""
}

func projectFields(in gqlmodel.CreateProjectInput) models.ProjectFields {
	return models.ProjectFields{
		Title: required(in.Title), OwnerID: given(in.OwnerID), Goal: given(in.Goal),
		Description: given(in.Description), RiskClassification: given(in.RiskClassification),
		Status: given(in.Status), StartDate: given(in.StartDate),
	}
}

func projectChanges(in gqlmodel.UpdateProjectInput) models.ProjectFields {
	return models.ProjectFields{
		Title: change(in.Title), OwnerID: change(in.OwnerID), Goal: change(in.Goal),
		Description: change(in.Description), RiskClassification: change(in.RiskClassification),
		Status: change(in.Status), StartDate: change(in.StartDate),
	}
}

func projectFilter(f *gqlmodel.ProjectFilter) models.ProjectFilter {
	if f == nil {
		return models.ProjectFilter{}
	}
	return models.ProjectFilter{Status: f.Status.Value(), RiskClassification: f.RiskClassification.Value(),
		OwnerID: f.OwnerID.Value(), Search: optString(f.Search), UpdatedSince: f.UpdatedSince.Value()}
}

func auditFilter(f *gqlmodel.AuditFilter) models.AuditFilter {
	if f == nil {
		return models.AuditFilter{}
	}
	return models.AuditFilter{Actions: f.Action.Value(), ActorID: f.ActorID.Value(), TargetID: f.TargetID.Value()}
}

// aiModelFields is a create: null means "use the default".
func aiModelFields(in gqlmodel.CreateAiModelInput) models.AIModelFields {
	return models.AIModelFields{
		Provider: required(in.Provider), Model: required(in.Model), Version: required(in.Version),
		ApproverID: given(in.ApproverID), Capabilities: given(in.Capabilities), HostingProvider: given(in.HostingProvider),
		Status: given(in.Status), StatusDate: given(in.StatusDate), ReferenceLink: given(in.ReferenceLink),
		Biases: given(in.Biases), Limitations: given(in.Limitations), ProjectIDs: idList(in.ProjectIds, true),
	}
}

// aiModelUpsert is an upsert: on an update, null clears the stored value and
// a field left out keeps it.
func aiModelUpsert(in gqlmodel.UpsertAiModelInput) models.AIModelFields {
	return models.AIModelFields{
		Provider: required(in.Provider), Model: required(in.Model), Version: required(in.Version),
		ApproverID: change(in.ApproverID), Capabilities: change(in.Capabilities), HostingProvider: change(in.HostingProvider),
		// note: a status cannot be cleared, so null is "not given": a new
		// entry is PENDING, an existing one keeps its status.
		Status: given(in.Status), StatusDate: change(in.StatusDate), ReferenceLink: change(in.ReferenceLink),
		Biases: change(in.Biases), Limitations: change(in.Limitations), ProjectIDs: idList(in.ProjectIds, false),
	}
}

func aiModelChanges(in gqlmodel.UpdateAiModelInput) models.AIModelFields {
	return models.AIModelFields{
		Provider: change(in.Provider), Model: change(in.Model), Version: change(in.Version),
		ApproverID: change(in.ApproverID), Capabilities: change(in.Capabilities), HostingProvider: change(in.HostingProvider),
		Status: change(in.Status), StatusDate: change(in.StatusDate), ReferenceLink: change(in.ReferenceLink),
		Biases: change(in.Biases), Limitations: change(in.Limitations), ProjectIDs: idList(in.ProjectIds, false),
	}
}

func aiModelFilter(f *gqlmodel.AiModelFilter) models.AIModelFilter {
	if f == nil {
		return models.AIModelFilter{}
	}
	return models.AIModelFilter{Status: f.Status.Value(), Provider: f.Provider.Value(),
		ProjectID: f.ProjectID.Value(), Search: optString(f.Search), UpdatedSince: f.UpdatedSince.Value()}
}

func riskFields(in gqlmodel.CreateRiskInput) models.RiskFields {
	return models.RiskFields{
		ProjectID: required(in.ProjectID), Name: required(in.Name), OwnerID: given(in.OwnerID),
		LifecyclePhase: given(in.LifecyclePhase), Likelihood: required(in.Likelihood), Severity: required(in.Severity),
		MitigationStatus: given(in.MitigationStatus), MitigationPlan: given(in.MitigationPlan), Deadline: given(in.Deadline),
	}
}

func riskChanges(in gqlmodel.UpdateRiskInput) models.RiskFields {
	return models.RiskFields{
		ProjectID: change(in.ProjectID), Name: change(in.Name), OwnerID: change(in.OwnerID),
		LifecyclePhase: change(in.LifecyclePhase), Likelihood: change(in.Likelihood), Severity: change(in.Severity),
		MitigationStatus: change(in.MitigationStatus), MitigationPlan: change(in.MitigationPlan), Deadline: change(in.Deadline),
	}
}

func riskFilter(f *gqlmodel.RiskFilter) models.RiskFilter {
	if f == nil {
		return models.RiskFilter{}
	}
	return models.RiskFilter{ProjectID: f.ProjectID.Value(), OwnerID: f.OwnerID.Value(),
		MitigationStatus: f.MitigationStatus.Value(), Search: optString(f.Search), UpdatedSince: f.UpdatedSince.Value()}
}
