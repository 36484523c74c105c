import type { DispatchCatalogue, DispatchRegion } from './catalogue';
import { normalise } from './text';

/** Each region's names, longest first, so 高新技术产业开发区 wins over 高新. */
export function regionNames(catalogue: DispatchCatalogue): { region: DispatchRegion; name: string }[] {
  return catalogue.regions
    .flatMap((region) => [region.nameZh, region.nameEn, region.id, ...region.aliases].map((name) => ({ region, name: normalise(name) })))
    .filter((entry) => entry.name.length >= 2)
    .sort((a, b) => b.name.length - a.name.length);
}

/**
 * The work order's region: the district field when it names one, else the first
 * region named in the address. Null when neither says (the engine then keeps
 * region-bound departments but says the region is missing).
 */
export function resolveRegion(
  names: readonly { region: DispatchRegion; name: string }[],
  district: string,
  address: string,
): DispatchRegion | null {
  for (const field of [district, address]) {
    const text = normalise(field);
    if (text === '') continue;
    const found = names.find((entry) => text.includes(entry.name));
    if (found) return found.region;
  }
  return null;
}
