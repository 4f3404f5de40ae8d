package graph

import (
	"context"
	"net/http"
	"sync"
	"time"

	"gorm.io/gorm"

	"keyward/auth"
	"keyward/models"
)

// batcher loads values by id for one GraphQL operation, without N+1
// queries. A list resolver primes it with the ids its rows will ask for;
// the first load then fetches every primed id in one query, and the rest
// are served from memory. Unprimed ids (a single object) cost one query.
// note: deterministic, unlike time-window dataloaders, so statement counts
// do not depend on scheduling.
type batcher[V any] struct {
	mu      sync.Mutex
	fetch   func(ctx context.Context, ids []string) (map[string]V, error)
	pending map[string]bool
	loaded  map[string]V
	tried   map[string]bool
}

// note: the maps are made on first use; most requests (every key-
// authenticated `{ __typename }`, most mutations) never load anything.
func newBatcher[V any](fetch func(ctx context.Context, ids []string) (map[string]V, error)) *batcher[V] {
	return &batcher[V]{fetch: fetch}
}

func (b *batcher[V]) prime(ids ...string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		if !b.tried[id] {
			if b.pending == nil {
				b.pending = map[string]bool{}
			}
			b.pending[id] = true
		}
	}
}

// load returns the value for id, or the zero value when there is none.
func (b *batcher[V]) load(ctx context.Context, id string) (V, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tried[id] {
		return b.loaded[id], nil
	}
	if b.tried == nil {
		b.loaded, b.tried = map[string]V{}, map[string]bool{}
	}
	ids := make([]string, 0, len(b.pending)+1)
	ids = append(ids, id)
	for k := range b.pending {
		if k != id {
			ids = append(ids, k)
		}
	}
	clear(b.pending)
	got, err := b.fetch(ctx, ids)
	if err != nil {
		var zero V
		return zero, err
	}
	for _, k := range ids {
		b.tried[k] = true
		b.loaded[k] = got[k]
	}
	return b.loaded[id], nil
}

// loaders are the batchers of one operation. Every fetch is scoped to the
// caller's organisation, so a foreign id loads nothing.
type loaders struct {
	// organizations are the organisations of users a request has already
	// read (sign-in answers before there is a caller to scope by), so
	// User.organization costs one query per request, not one per user.
	organizations *batcher[*models.Organization]
	users         *batcher[*models.User]
	projects      *batcher[*models.Project]
	modelProjects *batcher[[]*models.Project]
	// keyUsage holds each key's last MaxUsageDays days; usage(days) and
	// the insights slice it, so one query serves a whole key list.
	keyUsage *batcher[[]models.UsageDay]
}

func newLoaders(db *gorm.DB) *loaders {
	l := &loaders{}
	l.organizations = newBatcher(func(ctx context.Context, ids []string) (map[string]*models.Organization, error) {
		return models.OrganizationsByIDs(ctx, db, ids)
	})
	l.users = newBatcher(func(ctx context.Context, ids []string) (map[string]*models.User, error) {
		return models.UsersByIDs(ctx, db, orgOf(ctx), ids)
	})
	l.projects = newBatcher(func(ctx context.Context, ids []string) (map[string]*models.Project, error) {
		got, err := models.ProjectsByIDs(ctx, db, orgOf(ctx), ids)
		for _, p := range got {
			l.sawProject(p)
		}
		return got, err
	})
	l.modelProjects = newBatcher(func(ctx context.Context, ids []string) (map[string][]*models.Project, error) {
		got, err := models.ProjectsOfModels(ctx, db, orgOf(ctx), ids)
		for _, ps := range got {
			l.sawProjects(ps)
		}
		return got, err
	})
	l.keyUsage = newBatcher(func(ctx context.Context, ids []string) (map[string][]models.UsageDay, error) {
		return models.UsageOfKeys(ctx, db, orgOf(ctx), ids, models.MaxUsageDays, time.Now())
	})
	return l
}

// sawAPIKeys primes the usage and user batchers with a key list.
func (l *loaders) sawAPIKeys(keys []*models.APIKey) {
	for _, k := range keys {
		l.keyUsage.prime(k.ID)
		if k.CreatedByID != nil {
			l.users.prime(*k.CreatedByID)
		}
	}
}

// usageOf is the key's last `days` days, oldest first.
func (l *loaders) usageOf(ctx context.Context, keyID string, days int) ([]*models.UsageDay, error) {
	if err := models.CheckUsageDays(days); err != nil {
		return nil, err
	}
	all, err := l.keyUsage.load(ctx, keyID)
	if err != nil || len(all) < days {
		return nil, err
	}
	out := make([]*models.UsageDay, days)
	for i := range out {
		out[i] = &all[len(all)-days+i]
	}
	return out, nil
}

func orgOf(ctx context.Context) string {
	if p := auth.FromContext(ctx); p != nil {
		return p.OrganizationID
	}
	return ""
}

// The saw* methods prime the batchers with the relations of rows a list
// returned; see batcher.
func (l *loaders) sawProject(p *models.Project) {
	if p.OwnerID != nil {
		l.users.prime(*p.OwnerID)
	}
	l.sawActor(p.CreatedBy())
}

// sawActor primes the users batcher for Actor.user.
func (l *loaders) sawActor(a models.Actor) {
	if a.Kind == models.PrincipalUser {
		l.users.prime(a.ID)
	}
}

func (l *loaders) sawAuditEvents(es []*models.AuditEvent) {
	for _, e := range es {
		l.sawActor(e.Actor())
	}
}

func (l *loaders) sawProjects(ps []*models.Project) {
	for _, p := range ps {
		l.sawProject(p)
	}
}

func (l *loaders) sawAIModels(ms []*models.AIModel) {
	for _, m := range ms {
		if m.ApproverID != nil {
			l.users.prime(*m.ApproverID)
		}
		l.sawActor(m.CreatedBy())
		l.modelProjects.prime(m.ID)
	}
}

func (l *loaders) sawRisks(rs []*models.Risk) {
	for _, r := range rs {
		l.projects.prime(r.ProjectID)
		if r.OwnerID != nil {
			l.users.prime(*r.OwnerID)
		}
		l.sawActor(r.CreatedBy())
	}
}

// user loads an optional user reference.
func (l *loaders) user(ctx context.Context, id *string) (*models.User, error) {
	if id == nil {
		return nil, nil
	}
	return l.users.load(ctx, *id)
}

type loadersKey struct{}

// withLoaders gives each request its own batchers, so nothing cached
// outlives the request or crosses organisations.
func withLoaders(db *gorm.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), loadersKey{}, newLoaders(db))))
	})
}

// loaders returns the request's loaders (fresh ones outside a request).
func (r *Resolver) loaders(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.DB)
}
