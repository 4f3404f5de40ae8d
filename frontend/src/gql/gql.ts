/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Session {\n    setupRequired\n    me {\n      id\n      email\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SessionDocument,
    "\n  mutation Login($email: String!, $password: String!, $organizationId: ID) {\n    login(input: { email: $email, password: $password, organizationId: $organizationId }) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {\n    setup(input: { token: $token, orgName: $orgName, email: $email, name: $name, password: $password }) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.SetupDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scope\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    createdBy {\n      id\n      name\n      email\n    }\n    rotatedAt\n    previousSecretExpiresAt\n    revokedAt\n    revocationNote\n    insights {\n      kind\n      message\n    }\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($after: String) {\n    apiKeyLimit\n    apiKeyConnection(first: 50, after: $after) {\n      nodes {\n        ...ApiKeyFields\n        usage(days: 30) {\n          date\n          requests\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n      }\n      secret\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n        expiresAt\n        previousSecretExpiresAt\n      }\n      secret\n    }\n  }\n": typeof types.RotateApiKeyDocument,
    "\n  mutation UpdateApiKey($input: UpdateApiKeyInput!) {\n    updateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n": typeof types.UpdateApiKeyDocument,
    "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(input: { id: $id }) {\n      deletedApiKeyId\n    }\n  }\n": typeof types.DeleteApiKeyDocument,
    "\n  query Users($after: String) {\n    users(first: 100, after: $after) {\n      nodes {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {\n    updateUserRole(input: { id: $id, role: $role, deleteApiKeys: $deleteApiKeys }) {\n      user {\n        id\n        role\n      }\n    }\n  }\n": typeof types.UpdateUserRoleDocument,
    "\n  mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {\n    deleteUser(input: { id: $id, deleteApiKeys: $deleteApiKeys }) {\n      deletedUserId\n    }\n  }\n": typeof types.DeleteUserDocument,
    "\n  query KeysByCreator($after: String) {\n    apiKeyConnection(first: 100, after: $after) {\n      nodes {\n        id\n        name\n        prefix\n        scope\n        createdBy {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.KeysByCreatorDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query ApiKeyDetail($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyFields\n        lastUsedIp\n        lastUsedUserAgent\n        usage(days: 30) {\n          date\n          requests\n          reads\n          writes\n          errors\n          rateLimited\n          refused\n        }\n      }\n    }\n    about: auditLog(first: 20, filter: { targetId: $id }) {\n      nodes {\n        ...AuditEventFields\n      }\n    }\n    by: auditLog(first: 20, filter: { actorId: $id }) {\n      nodes {\n        ...AuditEventFields\n      }\n      totalCount\n    }\n  }\n": typeof types.ApiKeyDetailDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    actor {\n      kind\n      id\n      name\n    }\n    targetType\n    targetId\n    targetName\n    createdAt\n  }\n": typeof types.AuditEventFieldsFragmentDoc,
    "\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...AuditEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditActors($after: String) {\n    apiKeyConnection(first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditActorsDocument,
};
const documents: Documents = {
    "\n  query Session {\n    setupRequired\n    me {\n      id\n      email\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.SessionDocument,
    "\n  mutation Login($email: String!, $password: String!, $organizationId: ID) {\n    login(input: { email: $email, password: $password, organizationId: $organizationId }) {\n      user {\n        id\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      user {\n        id\n      }\n    }\n  }\n": types.LogoutDocument,
    "\n  mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {\n    setup(input: { token: $token, orgName: $orgName, email: $email, name: $name, password: $password }) {\n      user {\n        id\n      }\n    }\n  }\n": types.SetupDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scope\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    createdBy {\n      id\n      name\n      email\n    }\n    rotatedAt\n    previousSecretExpiresAt\n    revokedAt\n    revocationNote\n    insights {\n      kind\n      message\n    }\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys($after: String) {\n    apiKeyLimit\n    apiKeyConnection(first: 50, after: $after) {\n      nodes {\n        ...ApiKeyFields\n        usage(days: 30) {\n          date\n          requests\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n      }\n      secret\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n        expiresAt\n        previousSecretExpiresAt\n      }\n      secret\n    }\n  }\n": types.RotateApiKeyDocument,
    "\n  mutation UpdateApiKey($input: UpdateApiKeyInput!) {\n    updateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n": types.UpdateApiKeyDocument,
    "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(input: { id: $id }) {\n      deletedApiKeyId\n    }\n  }\n": types.DeleteApiKeyDocument,
    "\n  query Users($after: String) {\n    users(first: 100, after: $after) {\n      nodes {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {\n    updateUserRole(input: { id: $id, role: $role, deleteApiKeys: $deleteApiKeys }) {\n      user {\n        id\n        role\n      }\n    }\n  }\n": types.UpdateUserRoleDocument,
    "\n  mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {\n    deleteUser(input: { id: $id, deleteApiKeys: $deleteApiKeys }) {\n      deletedUserId\n    }\n  }\n": types.DeleteUserDocument,
    "\n  query KeysByCreator($after: String) {\n    apiKeyConnection(first: 100, after: $after) {\n      nodes {\n        id\n        name\n        prefix\n        scope\n        createdBy {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.KeysByCreatorDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query ApiKeyDetail($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyFields\n        lastUsedIp\n        lastUsedUserAgent\n        usage(days: 30) {\n          date\n          requests\n          reads\n          writes\n          errors\n          rateLimited\n          refused\n        }\n      }\n    }\n    about: auditLog(first: 20, filter: { targetId: $id }) {\n      nodes {\n        ...AuditEventFields\n      }\n    }\n    by: auditLog(first: 20, filter: { actorId: $id }) {\n      nodes {\n        ...AuditEventFields\n      }\n      totalCount\n    }\n  }\n": types.ApiKeyDetailDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    actor {\n      kind\n      id\n      name\n    }\n    targetType\n    targetId\n    targetName\n    createdAt\n  }\n": types.AuditEventFieldsFragmentDoc,
    "\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...AuditEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditActors($after: String) {\n    apiKeyConnection(first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditActorsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    setupRequired\n    me {\n      id\n      email\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').SessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!, $organizationId: ID) {\n    login(input: { email: $email, password: $password, organizationId: $organizationId }) {\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Setup($token: String!, $orgName: String!, $email: String!, $name: String!, $password: String!) {\n    setup(input: { token: $token, orgName: $orgName, email: $email, name: $name, password: $password }) {\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').SetupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scope\n    status\n    createdAt\n    expiresAt\n    lastUsedAt\n    createdBy {\n      id\n      name\n      email\n    }\n    rotatedAt\n    previousSecretExpiresAt\n    revokedAt\n    revocationNote\n    insights {\n      kind\n      message\n    }\n  }\n"): typeof import('./graphql').ApiKeyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($after: String) {\n    apiKeyLimit\n    apiKeyConnection(first: 50, after: $after) {\n      nodes {\n        ...ApiKeyFields\n        usage(days: 30) {\n          date\n          requests\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').ApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n      }\n      secret\n    }\n  }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n        expiresAt\n        previousSecretExpiresAt\n      }\n      secret\n    }\n  }\n"): typeof import('./graphql').RotateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApiKey($input: UpdateApiKeyInput!) {\n    updateApiKey(input: $input) {\n      apiKey {\n        id\n        name\n        scope\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApiKey($id: ID!) {\n    deleteApiKey(input: { id: $id }) {\n      deletedApiKeyId\n    }\n  }\n"): typeof import('./graphql').DeleteApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($after: String) {\n    users(first: 100, after: $after) {\n      nodes {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').UsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      user {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserRole($id: ID!, $role: Role!, $deleteApiKeys: Boolean) {\n    updateUserRole(input: { id: $id, role: $role, deleteApiKeys: $deleteApiKeys }) {\n      user {\n        id\n        role\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateUserRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUser($id: ID!, $deleteApiKeys: Boolean) {\n    deleteUser(input: { id: $id, deleteApiKeys: $deleteApiKeys }) {\n      deletedUserId\n    }\n  }\n"): typeof import('./graphql').DeleteUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeysByCreator($after: String) {\n    apiKeyConnection(first: 100, after: $after) {\n      nodes {\n        id\n        name\n        prefix\n        scope\n        createdBy {\n          id\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').KeysByCreatorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      endedSessions\n    }\n  }\n"): typeof import('./graphql').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeyDetail($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ApiKey {\n        ...ApiKeyFields\n        lastUsedIp\n        lastUsedUserAgent\n        usage(days: 30) {\n          date\n          requests\n          reads\n          writes\n          errors\n          rateLimited\n          refused\n        }\n      }\n    }\n    about: auditLog(first: 20, filter: { targetId: $id }) {\n      nodes {\n        ...AuditEventFields\n      }\n    }\n    by: auditLog(first: 20, filter: { actorId: $id }) {\n      nodes {\n        ...AuditEventFields\n      }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').ApiKeyDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEventFields on AuditEvent {\n    id\n    action\n    actor {\n      kind\n      id\n      name\n    }\n    targetType\n    targetId\n    targetName\n    createdAt\n  }\n"): typeof import('./graphql').AuditEventFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      nodes {\n        ...AuditEventFields\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActors($after: String) {\n    apiKeyConnection(first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').AuditActorsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
