// @ts-check
import { defineConfig } from 'astro/config';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import { buildTimingIntegration } from './tools/build-timing/integration';
import { cspDirectives } from './src/http/csp-directives';
import { precompressIntegration } from './src/http/precompress-integration';
import { islandDirectivesIntegration } from './src/components/islands/integration';

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  // staticHeaders : la CSP des pages statiques part dans un en-tête (pas seulement un <meta>),
  // pour que frame-ancestors s'applique aussi à elles (src/http/csp-directives.ts).
  adapter: node({ mode: 'standalone', staticHeaders: true }),
  integrations: [preact(), islandDirectivesIntegration(), buildTimingIntegration(), precompressIntegration()],
  server: {
    host: process.env.HOST ?? 'localhost',
    port: Number(process.env.PORT ?? 4321),
  },
  // CSP : Astro calcule les empreintes (sha256) de ses scripts et styles en ligne ; aucun
  // 'unsafe-inline' pour les scripts. Les autres directives : src/http/csp-directives.ts.
  // checkOrigin : fait par src/middleware.ts (mêmes règles, refus en français : src/http/origin-check.ts).
  security: { checkOrigin: false, csp: { directives: cspDirectives(process.env) } },
  telemetry: false,
});
