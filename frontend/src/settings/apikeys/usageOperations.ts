import { graphql } from '../../gql';

/**
 * One key with everything its detail page shows, fetched by id: its cost does
 * not grow with KEYWARD_MAX_API_KEYS, as the whole apiKeys list's does.
 */
export const ApiKeyDetailQuery = graphql(`
  query ApiKeyDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on ApiKey {
        ...ApiKeyFields
        lastUsedIp
        lastUsedUserAgent
        usage(days: 30) {
          date
          requests
          reads
          writes
          errors
          rateLimited
          refused
        }
      }
    }
    about: auditLog(first: 20, filter: { targetId: $id }) {
      nodes {
        ...AuditEventFields
      }
    }
    by: auditLog(first: 20, filter: { actorId: $id }) {
      nodes {
        ...AuditEventFields
      }
      totalCount
    }
  }
`);

export const AuditEventFieldsFragment = graphql(`
  fragment AuditEventFields on AuditEvent {
    id
    action
    actor {
      kind
      id
      name
    }
    targetType
    targetId
    targetName
    createdAt
  }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      nodes {
        ...AuditEventFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/**
 * Keys that can appear as an actor: the organisation's current keys (the
 * users come from useUsers), a page at a time (see allPages).
 */
export const AuditActorsQuery = graphql(`
  query AuditActors($after: String) {
    apiKeyConnection(first: 100, after: $after) {
      nodes {
        id
        name
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
