/**
 * The workbench's `@hubspot/ui-extensions/pages`: app pages' routing, over the workbench's hash.
 * `#/home` is the app's index route and `#/home/policy` its /policy route; PageLink moves between
 * them as HubSpot's does between an app's pages.
 */
import { Children, isValidElement, useEffect, useState, type ComponentType, type ReactElement, type ReactNode } from 'react';

interface RouteProps {
  component: ComponentType<Record<string, never>>;
  id?: string;
  path?: string;
}

export function PageRoutes(_props: { path?: string; children: ReactNode }): null {
  return null;
}
PageRoutes.IndexRoute = (_props: RouteProps): null => null;
PageRoutes.Route = (_props: RouteProps & { path: string }): null => null;
PageRoutes.AnyRoute = (_props: RouteProps): null => null;

const currentPath = () => `/${window.location.hash.replace(/^#\/?home\/?/, '')}`.replace(/\/+$/, '') || '/';

export function usePageRoute(): { path: string; params: Record<string, string>; routeId?: string } {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = () => setPath(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return { path, params: {} };
}

export function createPageRouter(routes: ReactElement<{ children: ReactNode }>): ComponentType<Record<string, never>> {
  const children = Children.toArray(routes.props.children).filter(isValidElement) as ReactElement<RouteProps>[];
  return function PageRouter() {
    const { path } = usePageRoute();
    const match =
      children.find((c) => (c.type === PageRoutes.IndexRoute && path === '/') || (c.type === PageRoutes.Route && c.props.path === path)) ?? children.find((c) => c.type === PageRoutes.AnyRoute);
    if (!match) return null;
    const Page = match.props.component;
    return <Page />;
  };
}

export function PageLink({ to, children, testId }: { to: string; params?: Record<string, string>; children: ReactNode; testId?: string }) {
  return (
    <a href={`#/home${to === '/' ? '' : to}`} className="hs-link" {...(testId ? { 'data-testid': testId } : {})}>
      {children}
    </a>
  );
}

export function PageHeader({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}
