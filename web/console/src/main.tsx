import { render } from 'preact';
import { App } from './components/App';
import { boot } from './actions/session';
import { primeAudio } from './attention';
import './styles/base.css';
import './styles/login.css';
import './styles/shell.css';
import './styles/lists.css';
import './styles/conversation.css';
import './styles/visitor.css';
import './styles/overlays.css';
import './styles/admin.css';
import './styles/supervisor.css';

primeAudio();
// boot sets the language synchronously, so that the first frame is already in it.
const booting = boot();
render(<App />, document.getElementById('app')!);
void booting;
