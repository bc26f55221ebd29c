'use strict';
// botbuilder-adapter-facebook requires 'request' when it loads but bankbot never lets it send:
// MessengerChannel overrides getAPI() with a fetch-based Graph client. Any call here is a bug.
module.exports = function request() {
  throw new Error(
    'bankbot: the deprecated "request" client is not available; use the fetch-based Graph client',
  );
};
