import './workbench.css';
import { NewUseCasePage } from './NewUseCasePage.js';
import { UseCasePage } from './UseCasePage.js';
import { UseCasesPage } from './UseCasesPage.js';
import { VotePage } from './votes/VotePage.js';

/**
 * The workbench's screens by hash route (loaded as one chunk): #/use-cases, #/use-cases/new,
 * #/use-cases/{id}[/{part}[/{item}]], and the participants' #/vote[/{code}].
 */
export function WorkbenchScreen({ path }: { path: string[] }) {
  const [section, id, tab, sub] = path;
  if (section === 'vote') return <VotePage key={id ?? ''} code={id} />;
  if (!id) return <UseCasesPage />;
  if (id === 'new') return <NewUseCasePage />;
  return <UseCasePage key={id} id={id} tab={tab} sub={sub} />;
}
