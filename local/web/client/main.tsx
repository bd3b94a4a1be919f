/**
 * The page script (the bridge script ran before it): the renderer, then the app's real frontend,
 * which starts the reconciler.
 */
import './renderer';
import '../../../src/frontend/index';
