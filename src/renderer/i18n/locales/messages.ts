/** The shape every locale must have: the zh-CN tree with any strings as leaves. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
