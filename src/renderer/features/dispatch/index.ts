export { DispatchSuggestions, type DispatchSuggestionsProps } from './components/DispatchSuggestions';
export { startDispatch, useDispatchStore } from './dispatch-store';
export { CatalogueDepartments, useHasDispatchCatalogue } from './components/CatalogueDepartments';
