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
    login(email: $email, password: $password, organizationId: $organizationId) {
      id
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const SetupMutation = graphql(`
  mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {
    setup(token: $token, orgName: $orgName, email: $email, name: $name, password: $password) {
      id
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeyLimit
    apiKeys {
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
      usage(days: 30) {
        date
        requests
      }
      insights {
        kind
        message
      }
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
  mutation RotateApiKey($id: ID!, $input: RotateApiKeyInput) {
    rotateApiKey(id: $id, input: $input) {
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
  mutation UpdateApiKey($id: ID!, $input: UpdateApiKeyInput!) {
    updateApiKey(id: $id, input: $input) {
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
    deleteApiKey(id: $id)
  }
`);

export const UsersQuery = graphql(`
  query Users {
    users {
      id
      email
      name
      role
      createdAt
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
    }
  }
`);

export const UpdateUserRoleMutation = graphql(`
  mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {
    updateUserRole(id: $id, role: $role, deleteApiKeys: $deleteApiKeys) {
      id
      role
    }
  }
`);

export const DeleteUserMutation = graphql(`
  mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {
    deleteUser(id: $id, deleteApiKeys: $deleteApiKeys)
  }
`);

/** The organisation's keys with their creators, for offboarding a person. */
export const KeysByCreatorQuery = graphql(`
  query KeysByCreator {
    apiKeys {
      id
      name
      prefix
      scope
      createdBy {
        id
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
