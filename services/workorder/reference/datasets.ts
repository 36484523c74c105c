import type { ReferenceDataset } from '../../../src/shared/reference-data/protocol';
import { KNOWLEDGE_DATASET } from '../../../src/shared/knowledge/dataset';
import { DISPATCH_CATALOGUE_DATASET } from '../../../src/shared/dispatch/dataset';

/**
 * The reference datasets this service keeps and serves at /v1/reference. A
 * feature adds its dataset (defined in src/shared/<feature>/) to this list.
 */
export const REFERENCE_DATASETS: readonly ReferenceDataset<unknown>[] = [
  KNOWLEDGE_DATASET as ReferenceDataset<unknown>,
  DISPATCH_CATALOGUE_DATASET as ReferenceDataset<unknown>,
];
