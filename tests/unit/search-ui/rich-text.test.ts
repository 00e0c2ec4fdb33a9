import { describe, expect, it } from 'vitest';
import { safeLheoHtml } from '../../../src/formations/rich-text';

describe('safeLheoHtml (textes LHEO des organismes)', () => {
  it('garde la mise en forme simple', () => {
    expect(safeLheoHtml('<p>Au programme :</p><ul><li>Soins</li><li><strong>Stages</strong></li></ul>')).toBe('<p>Au programme :</p><ul><li>Soins</li><li><strong>Stages</strong></li></ul>');
  });
  it('met le texte brut en paragraphes et en listes, échappé', () => {
    expect(safeLheoHtml('Ligne 1\nLigne 2\n\n- un\n- deux')).toBe('<p>Ligne 1<br />Ligne 2</p><ul><li>un</li><li>deux</li></ul>');
    expect(safeLheoHtml('a < b & c > d')).toBe('<p>a &lt; b &amp; c &gt; d</p>');
  });
  it('retire scripts, attributs d’événement, styles et liens javascript:', () => {
    const hostile = [
      '<p>Objectif<script>window.__pwned = 1</script></p>',
      '<img src=x onerror="window.__pwned=1">',
      '<p onclick="window.__pwned=1" style="color:red">texte</p>',
      '<a href="javascript:window.__pwned=1">lien</a>',
      '<svg><script>window.__pwned=1</script></svg>',
      '<iframe src="https://example.org"></iframe><style>body{display:none}</style>',
      '<a href="//evil.example/x">protocole relatif</a>',
    ].join('');
    const out = safeLheoHtml(hostile);
    expect(out).not.toMatch(/<script|onerror|onclick|javascript:|<img|<svg|<iframe|<style|style=|evil\.example/i);
    expect(out).toContain('<p>Objectif</p>');
    expect(out).toContain('texte');
  });
  it('ne garde que les liens http(s) et mailto, avec rel="noopener noreferrer nofollow"', () => {
    expect(safeLheoHtml('<a href="https://example.org" target="_blank">site</a>')).toBe('<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>');
  });
  it('texte vide → rien', () => {
    expect(safeLheoHtml(null)).toBe('');
    expect(safeLheoHtml('  ')).toBe('');
  });
});
