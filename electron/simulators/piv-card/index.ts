export { VirtualPivCard, VIRTUAL_CARD_ATR, type VirtualPivCardOptions } from './card';
export { factoryState, stateFromJson, stateToJson, type CardState, type CardStateJson } from './state';
