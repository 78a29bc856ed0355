import { useEffect, useState } from 'react';

/** A tiny hash router: #/jobs, #/jobs/<id>, #/settings ... (works under app:// and http:// alike). */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/jobs';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): { path: string; segments: string[] } {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { path, segments: path.split('/').filter(Boolean) };
}
