import type { ReactNode } from 'react';

export function Page({ title, intro, children }: { title: string; intro?: string; children?: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {intro && <p className="page-intro">{intro}</p>}
      {children}
    </section>
  );
}
