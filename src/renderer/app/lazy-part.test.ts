import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPart, warmLazyParts } from './lazy-part';

const Greeting = ({ name }: { name: string }) => createElement('p', null, `hello ${name}`);

describe('a lazy part of the UI', () => {
  it('loads nothing until shown, shows nothing while loading, then renders the loaded component, loading it once', async () => {
    let loads = 0;
    const Part = lazyPart(() => {
      loads++;
      return Promise.resolve(Greeting);
    });
    expect(loads).toBe(0);
    expect(renderToString(createElement(Part, { name: 'agent' }))).not.toContain('hello');
    expect(loads).toBe(1);
    await Part.preload();
    expect(renderToString(createElement(Part, { name: 'agent' }))).toContain('hello agent');
    expect(loads).toBe(1);
  });

  it('tries the load again after it failed', async () => {
    let loads = 0;
    const Part = lazyPart(() => (++loads === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve(Greeting)));
    await expect(Part.preload()).rejects.toThrow('chunk missing');
    await Part.preload();
    expect(loads).toBe(2);
    expect(renderToString(createElement(Part, { name: 'lead' }))).toContain('hello lead');
  });

  it('warms only the parts marked warm, each after an idle period', async () => {
    const loaded: string[] = [];
    lazyPart(() => {
      loaded.push('cold');
      return Promise.resolve(Greeting);
    });
    lazyPart(
      () => {
        loaded.push('warm');
        return Promise.resolve(Greeting);
      },
      { warm: true },
    );
    let idles = 0;
    await warmLazyParts(() => {
      idles++;
      return Promise.resolve();
    });
    expect(loaded).toEqual(['warm']);
    expect(idles).toBe(1);
  });
});
