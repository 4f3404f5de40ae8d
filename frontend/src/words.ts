/**
 * The product's words, in one place, so a label reads the same on every
 * page, in every dialog and in every toast. The e2e suite and the docs use
 * the same words; change one here and everywhere follows.
 */
export const WORDS = {
  product: 'Keyward',
  settings: 'Settings',
  apiKeys: 'API keys',
  users: 'Users',
  account: 'Account',
  auditLog: 'Audit log',
  apiReference: 'API reference',
  playground: 'Playground',
  signIn: 'Sign in',
  signOut: 'Sign out',

  createApiKey: 'Create API key',
  creatingApiKey: 'Creating…',
  copiedTheKey: 'I copied the key',
  copy: 'Copy',
  copied: 'Copied',
  deleteApiKey: 'Delete API key',
  delete: 'Delete',
  cancel: 'Cancel',
  tryAgain: 'Try again',

  addUser: 'Add user',
  removeUser: 'Remove user',
  changePassword: 'Change password',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  expiringSoon: 'Expiring soon',
} as const;

/** Quotes a name the same way everywhere: “name”. */
export function quoted(name: string): string {
  return `“${name}”`;
}

/** "an Admin", "an Editor", "a Viewer": a role with its article. */
export function withArticle(roleLabel: string): string {
  return /^[AEIOU]/i.test(roleLabel) ? `an ${roleLabel}` : `a ${roleLabel}`;
}

/** The browser tab's title: the page, then its section, then the product. */
export function documentTitle(...parts: string[]): string {
  return [...parts, WORDS.product].join(' · ');
}

/** Every toast sits in the same corner on every tab. */
export const TOAST_ANCHOR = { vertical: 'bottom', horizontal: 'center' } as const;
