'use strict';
// The login form posts itself; this only says why we are back after a wrong token.
document.addEventListener('DOMContentLoaded', () => {
  if (new URLSearchParams(location.search).has('failed')) {
    document.getElementById('failed').hidden = false;
  }
  document.getElementById('token').focus();
});
