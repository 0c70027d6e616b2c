import { lazy, Suspense } from 'react';
import { Loading } from './components/Loading.js';
import { SiteFooter } from './components/SiteFooter.js';
import { SiteHeader } from './components/SiteHeader.js';
import { SkipLink } from './components/SkipLink.js';
import { AppPage } from './pages/AppPage.js';
import { CataloguePage } from './pages/CataloguePage.js';
import { DatasetPage } from './datasets/DatasetPage.js';
import { DatasetsPage } from './datasets/DatasetsPage.js';
import { HomePage } from './pages/HomePage.js';
import { JobPage } from './job/JobPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { useRoute, type Route } from './router.js';

// MapLibre GL is big: the map viewer is its own chunk, loaded when the map is opened.
const MapPage = lazy(() => import('./map/MapPage.js').then((m) => ({ default: m.MapPage })));
// The use-case workbench is its own chunk too: the store's pages stay light.
const WorkbenchScreen = lazy(() => import('./workbench/WorkbenchScreen.js').then((m) => ({ default: m.WorkbenchScreen })));

function Screen({ route }: { route: Route }) {
  const [section, id] = route.path;
  switch (section) {
    case undefined:
      return <HomePage />;
    case 'apps':
      return id ? <AppPage key={id} id={id} /> : <CataloguePage query={route.query} />;
    case 'jobs':
      return id ? <JobPage key={id} id={id} /> : <NotFoundPage />;
    case 'map':
      return (
        <Suspense fallback={<Loading />}>
          <MapPage layers={(route.query.get('layers') ?? '').split(',').filter(Boolean)} />
        </Suspense>
      );
    case 'datasets':
      return id ? <DatasetPage key={id} id={id} /> : <DatasetsPage />;
    case 'use-cases':
    case 'vote':
      return (
        <Suspense fallback={<Loading />}>
          <WorkbenchScreen path={route.path} />
        </Suspense>
      );
    default:
      return <NotFoundPage />;
  }
}

export function App() {
  const route = useRoute();
  const section = route.path[0] ?? '';
  return (
    <div className="utrecht-document twl-page">
      <SkipLink />
      <SiteHeader section={section} />
      <main id="main" tabIndex={-1} className="utrecht-page-content twl-main">
        <Screen route={route} />
      </main>
      <SiteFooter />
    </div>
  );
}
