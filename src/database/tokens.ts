/** The injection token of the open Database (data-source.ts). */
export const DATABASE = Symbol('DATABASE');
