/* Old links into long pages still land: gc.html#GC3-05 → gc-2.html#GC3-05.
 *
 * A page split by handbook/paging.py carries <nav class="hb-pager" data-hb-set="gc"
 * data-hb-anchor-map="api/pages/gc.js">. When the address names an anchor that is not on
 * this page, the map (a script, so it also loads from file://) says which page holds it,
 * and the browser is sent there. Pages that are not split do nothing and load nothing. */
(function () {
  "use strict";

  function currentFile() {
    var path = decodeURIComponent(location.pathname);
    return path.slice(path.lastIndexOf("/") + 1);
  }

  function withMap(nav, done) {
    var key = nav.getAttribute("data-hb-set");
    var maps = window.HBPageMaps || {};
    if (maps[key]) { done(maps[key]); return; }
    var script = document.createElement("script");
    script.src = nav.getAttribute("data-hb-anchor-map");
    script.onload = function () {
      var loaded = (window.HBPageMaps || {})[key];
      if (loaded) done(loaded);
    };
    document.head.appendChild(script);
  }

  function follow() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!id || document.getElementById(id)) return;
    var nav = document.querySelector("nav.hb-pager[data-hb-anchor-map]");
    if (!nav) return;
    withMap(nav, function (map) {
      for (var n = 0; n < map.anchors.length; n++) {
        if (map.anchors[n].indexOf(id) >= 0) {
          var target = map.pages[n];
          if (target !== currentFile()) location.replace(target + "#" + encodeURIComponent(id));
          return;
        }
      }
    });
  }

  follow();
  window.addEventListener("hashchange", follow);
})();
