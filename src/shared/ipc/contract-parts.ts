import { z } from 'zod';

/** Building blocks every contract fragment uses. */
export const Empty = z.object({}).strict();
export const Done = z.object({ done: z.literal(true) });
