import { Inject, Injectable } from '@nestjs/common';
import ipaddr from 'ipaddr.js';
import { promises as dns } from 'node:dns';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/config';

export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** How long a host name may take to resolve (an attacker's DNS server may never answer). */
export const DNS_TIMEOUT_MS = 5000;

/** How host names become addresses: the system resolver (a test may stand another in). */
export const DNS_RESOLVER = Symbol('DNS_RESOLVER');
export interface DnsResolver {
  lookup(host: string): Promise<string[]>;
}
export const systemResolver: DnsResolver = {
  lookup: async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address),
};

/** Where a delivery connects: the URL, and the one address of its host that was checked. */
export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

const forbidden = (why: string): AppError =>
  new AppError('WEBHOOK_TARGET_FORBIDDEN', `The webhook URL is refused: ${why}.`);

/**
 * The outbound rules of API.md: https (http in development), no credentials in the URL, and a
 * host that resolves only to public unicast addresses (ipaddr.js's ranges: loopback, private,
 * link-local — the metadata address 169.254.169.254 among them —, CGNAT, unique-local,
 * multicast, reserved, and v4 hidden in v6 are all refused) unless WEBHOOK_ALLOW_PRIVATE. It is
 * checked when a webhook is saved and again before every delivery, and the delivery connects
 * to the address checked then: a name that resolves elsewhere later (DNS rebinding) gains nothing.
 */
@Injectable()
export class WebhookTargets {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DNS_RESOLVER) private readonly resolver: DnsResolver,
  ) {}

  /** The URL as saved: absolute, http(s), no credentials; scheme rules as configured. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'url must be an absolute https URL', [
        { field: 'url', message: 'url must be an absolute https URL' },
      ]);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.config.webhooks.allowHttp)) {
      throw forbidden(this.config.webhooks.allowHttp ? 'it must be http or https' : 'it must be https');
    }
    if (url.username || url.password) throw forbidden('it must not carry a user name or password');
    if (!url.hostname) throw forbidden('it has no host');
    url.hash = '';
    return url;
  }

  /** Resolves the URL's host now and checks every address it has; answers the one to connect to. */
  async check(url: URL): Promise<CheckedTarget> {
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    let addresses: string[];
    if (ipaddr.isValid(host)) addresses = [host];
    else {
      try {
        addresses = await withTimeout(this.resolver.lookup(host), DNS_TIMEOUT_MS);
      } catch {
        addresses = [];
      }
    }
    // One answer for "does not resolve" and "resolves to a private address": which one it is
    // would tell a caller what names exist inside the deployment's network.
    const refused = (): AppError => forbidden('its host must resolve to public addresses only');
    if (addresses.length === 0) throw refused();
    for (const address of addresses) {
      if (!ipaddr.isValid(address)) throw refused();
      if (ipaddr.process(address).range() !== 'unicast' && !this.config.webhooks.allowPrivate) throw refused();
    }
    const chosen = ipaddr.process(addresses[0]);
    return { url, address: chosen.toString(), family: chosen.kind() === 'ipv6' ? 6 : 4 };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('DNS timeout')), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
