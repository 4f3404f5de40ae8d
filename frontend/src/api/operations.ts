import { graphql } from '../gql';

export const SessionQuery = graphql(`
  query Session {
    setupRequired
    me {
      id
      email
      name
      role
      organization {
        id
        name
      }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!, $organizationId: ID) {
    login(input: { email: $email, password: $password, organizationId: $organizationId }) {
      user {
        id
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout {
      user {
        id
      }
    }
  }
`);

export const SetupMutation = graphql(`
  mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {
    setup(input: { token: $token, orgName: $orgName, email: $email, name: $name, password: $password }) {
      user {
        id
      }
    }
  }
`);

/** What the key list and a key's page both show of a key. */
export const ApiKeyFieldsFragment = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scope
    status
    createdAt
    expiresAt
    lastUsedAt
    createdBy {
      id
      name
      email
    }
    rotatedAt
    previousSecretExpiresAt
    revokedAt
    revocationNote
    insights {
      kind
      message
    }
  }
`);

/**
 * One page of the key list with each key's 30-day usage and insights. note: a
 * page of 50, not the whole apiKeys list: that one is priced at
 * KEYWARD_MAX_API_KEYS keys and is refused from about 75 allowed; a page
 * costs about 2,200 of the 3,000 limit whatever the limit (server/keylist_test.go).
 */
export const ApiKeysQuery = graphql(`
  query ApiKeys($after: String) {
    apiKeyLimit
    apiKeyConnection(first: 50, after: $after) {
      nodes {
        ...ApiKeyFields
        usage(days: 30) {
          date
          requests
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        id
        name
        scope
      }
      secret
    }
  }
`);

export const RotateApiKeyMutation = graphql(`
  mutation RotateApiKey($input: RotateApiKeyInput!) {
    rotateApiKey(input: $input) {
      apiKey {
        id
        name
        scope
        expiresAt
        previousSecretExpiresAt
      }
      secret
    }
  }
`);

export const UpdateApiKeyMutation = graphql(`
  mutation UpdateApiKey($input: UpdateApiKeyInput!) {
    updateApiKey(input: $input) {
      apiKey {
        id
        name
        scope
      }
    }
  }
`);

export const DeleteApiKeyMutation = graphql(`
  mutation DeleteApiKey($id: ID!) {
    deleteApiKey(input: { id: $id }) {
      deletedApiKeyId
    }
  }
`);

/** One page of the organisation's users (a connection, at most 100 a page). */
export const UsersQuery = graphql(`
  query Users($after: String) {
    users(first: 100, after: $after) {
      nodes {
        id
        email
        name
        role
        createdAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
      }
    }
  }
`);

export const UpdateUserRoleMutation = graphql(`
  mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {
    updateUserRole(input: { id: $id, role: $role, deleteApiKeys: $deleteApiKeys }) {
      user {
        id
        role
      }
    }
  }
`);

export const DeleteUserMutation = graphql(`
  mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {
    deleteUser(input: { id: $id, deleteApiKeys: $deleteApiKeys }) {
      deletedUserId
    }
  }
`);

/**
 * The organisation's keys with their creators, for offboarding a person, a
 * page at a time (see allPages): the whole apiKeys list is priced at
 * KEYWARD_MAX_API_KEYS keys.
 */
export const KeysByCreatorQuery = graphql(`
  query KeysByCreator($after: String) {
    apiKeyConnection(first: 100, after: $after) {
      nodes {
        id
        name
        prefix
        scope
        createdBy {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      endedSessions
    }
  }
`);
