import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';

/** Building blocks every contract fragment uses. */
export const Empty = lazySchema(() => z.object({}).strict());
export const Done = lazySchema(() => z.object({ done: z.literal(true) }));
