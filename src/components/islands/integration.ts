/** Déclare les directives d'hydratation propres au site (voir on-interaction.ts). */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

export function islandDirectivesIntegration(): AstroIntegration {
  return {
    name: 'versmonmetier:island-directives',
    hooks: {
      'astro:config:setup': ({ addClientDirective }) => {
        addClientDirective({ name: 'interaction', entrypoint: fileURLToPath(new URL('./on-interaction.ts', import.meta.url)) });
      },
    },
  };
}
