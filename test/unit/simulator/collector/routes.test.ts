import { strict as assert } from 'assert';
import { createRoutes } from '../../../../simulator/collector/routes';
import { testPolicy } from './fixtures';

describe('collector routes', () => {
  it('tells recipients sharing a path apart by the Host header, port ignored, case-insensitive', () => {
    const p = testPolicy();
    p.recipients.partner.endpoint = 'https://insights.partner.example/v1/energy';
    const routes = createRoutes(p);
    assert.equal(routes.http('/v1/energy', 'Meters.Utility.example:443')!.recipient, 'utility');
    assert.equal(routes.http('/v1/energy', 'insights.partner.example')!.recipient, 'partner');
    // Ambiguous without a Host: nobody.
    assert.equal(routes.http('/v1/energy', undefined), undefined);
    assert.equal(routes.http('/v1/reports', undefined)!.recipient, 'maker');
  });

  it('finds an MQTT recipient by topic base, only among those the client authenticated as', () => {
    const routes = createRoutes(testPolicy());
    assert.equal(routes.mqtt('hb/grid', ['grid'])!.recipient, 'grid');
    assert.equal(routes.mqtt('hb/grid', ['utility']), undefined);
    assert.equal(routes.mqtt('v1/energy', ['utility']), undefined, 'an HTTP path is no topic');
  });

  it('refuses an endpoint that does not parse', () => {
    const p = testPolicy();
    p.recipients.maker.endpoint = 'ftp://diag.example/x';
    assert.throws(() => createRoutes(p), /policy\.recipients\.maker\.endpoint does not parse/);
  });
});
