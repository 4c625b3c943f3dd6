/*! Contact-center wait-time widget. Embed:
 * <script src="https://cdn.example.com/wait-times.js" async data-api="https://acme.api.example.com/v1/apps/api/v1"
 *   data-key="pk_..." data-menu-id="10" data-lang="en" data-channels="voice_call,chat" data-refresh="60"></script>
 * Style with --ccw-color, --ccw-muted, --ccw-font, --ccw-gap, --ccw-name-weight. */
(function () {
  "use strict";
  var script = document.currentScript;
  // [phone, chat, about N min, under 1 min, unavailable, fallback, label, opens at (a closed queue)]
  var TEXT = {
    en: ["Phone", "Chat", "about {n} min", "under 1 min", "unavailable", "Wait times are not available right now.", "Estimated wait times", "opens at {t}"],
    es: ["Teléfono", "Chat", "unos {n} min", "menos de 1 min", "no disponible", "Los tiempos de espera no están disponibles en este momento.", "Tiempos de espera estimados", "abre a las {t}"],
    fr: ["Téléphone", "Chat", "environ {n} min", "moins d’1 min", "indisponible", "Les temps d’attente ne sont pas disponibles pour le moment.", "Temps d’attente estimés", "ouvre à {t}"],
    de: ["Telefon", "Chat", "etwa {n} Min.", "unter 1 Min.", "nicht verfügbar", "Wartezeiten sind gerade nicht verfügbar.", "Geschätzte Wartezeiten", "öffnet um {t}"],
    it: ["Telefono", "Chat", "circa {n} min", "meno di 1 min", "non disponibile", "I tempi di attesa non sono disponibili al momento.", "Tempi di attesa stimati", "apre alle {t}"],
    ja: ["電話", "チャット", "約{n}分", "1分未満", "不明", "現在、待ち時間を表示できません。", "予想待ち時間", "{t}に受付開始"],
    ko: ["전화", "채팅", "약 {n}분", "1분 미만", "확인 불가", "지금은 대기 시간을 확인할 수 없습니다.", "예상 대기 시간", "{t}에 시작"],
    pt: ["Telefone", "Chat", "cerca de {n} min", "menos de 1 min", "indisponível", "Os tempos de espera não estão disponíveis de momento.", "Tempos de espera estimados", "abre às {t}"],
    "pt-BR": ["Telefone", "Bate-papo", "cerca de {n} min", "menos de 1 min", "indisponível", "Os tempos de espera não estão disponíveis no momento.", "Tempos de espera estimados", "abre às {t}"],
    sv: ["Telefon", "Chatt", "cirka {n} min", "under 1 min", "ej tillgänglig", "Väntetiderna är inte tillgängliga just nu.", "Beräknade väntetider", "öppnar {t}"]
  };
  var CHANNELS = { voice_call: 0, chat: 1 };
  var MIN_REFRESH = 5, MAX_BACKOFF = 300, TIMEOUT_MS = 10000;
  var CSS = ".ccw{font:var(--ccw-font,inherit);color:var(--ccw-color,inherit)}" +
    ".ccw ul{list-style:none;margin:0;padding:0}.ccw li{margin:0 0 var(--ccw-gap,.35em)}" +
    ".ccw-name{font-weight:var(--ccw-name-weight,600);margin-right:.6em}" +
    ".ccw-wait{margin-right:var(--ccw-gap,.9em)}.ccw-na,.ccw-fallback{color:var(--ccw-muted,#666)}";

  /** exact tag (pt-BR), then its language (de-AT -> de), else English */
  function language(tag) {
    tag = String(tag || "").replace("_", "-");
    var parts = tag.split("-"), exact = parts[0].toLowerCase() + (parts[1] ? "-" + parts[1].toUpperCase() : "");
    return TEXT[exact] ? exact : TEXT[parts[0].toLowerCase()] ? parts[0].toLowerCase() : "en";
  }

  function waitText(t, row, channel) {
    var estimate = row.estimates && row.estimates[channel], seconds = row[channel];
    if (estimate && estimate.reason === "closed" && estimate.opens_at) {
      return t[7].replace("{t}", opensAt(new Date(estimate.opens_at)));
    }
    if (typeof seconds !== "number" || (estimate && estimate.estimable === false)) {
      return null;
    }
    return seconds < 60 ? t[3] : t[2].replace("{n}", Math.round(seconds / 60));
  }

  /** the opening on the page's clock and in its language: the time, with the weekday when not today */
  function opensAt(when) {
    var sameDay = when.toDateString() === new Date().toDateString();
    var options = sameDay ? { hour: "numeric", minute: "2-digit" } : { weekday: "short", hour: "numeric", minute: "2-digit" };
    try {
      return new Intl.DateTimeFormat(script.dataset.lang || document.documentElement.lang || undefined, options).format(when);
    } catch (e) {
      return when.toLocaleTimeString();
    }
  }

  /** max-age of Cache-Control, or 0 */
  function maxAge(response) {
    var m = /max-age=(\d+)/.exec(response.headers.get("Cache-Control") || "");
    return m ? +m[1] : 0;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function start() {
    var d = script.dataset, lang = language(d.lang || document.documentElement.lang), t = TEXT[lang];
    var channels = (d.channels || "voice_call,chat").split(",").map(function (c) { return c.trim(); })
      .filter(function (c) { return c in CHANNELS; });
    var refresh = Math.max(MIN_REFRESH, +d.refresh || 60), backoff = refresh, shown = null, timer;
    var box = el("div", "ccw");
    box.setAttribute("aria-live", "polite");
    box.setAttribute("aria-label", t[6]);
    if (!document.getElementById("ccw-style")) {
      var style = el("style", null, CSS);
      style.id = "ccw-style";
      document.head.appendChild(style);
    }
    script.parentNode.insertBefore(box, script.nextSibling);

    // screen readers hear a change only when the text changes, not on every refresh
    function show(key, build) {
      if (key === shown) return;
      shown = key;
      box.textContent = "";
      box.appendChild(build());
    }

    function render(rows) {
      var lines = rows.map(function (row) {
        return [row.materialized_path].concat(channels.filter(function (c) { return c in row; }).map(function (c) {
          return [c, waitText(t, row, c)];
        }));
      }).filter(function (line) { return line.length > 1; });
      show(JSON.stringify(lines), function () {
        var list = el("ul");
        lines.forEach(function (line) {
          var li = el("li");
          li.appendChild(el("span", "ccw-name", line[0]));
          line.slice(1).forEach(function (w) {
            var span = el("span", "ccw-wait" + (w[1] ? "" : " ccw-na"), t[CHANNELS[w[0]]] + ": " + (w[1] || t[4]));
            span.setAttribute("data-channel", w[0]);
            li.appendChild(span);
          });
          list.appendChild(li);
        });
        return list;
      });
    }

    function fallback() {
      show("fallback", function () { return el("p", "ccw-fallback", t[5]); });
    }

    function fail() {
      fallback();
      backoff = Math.min(backoff * 2, MAX_BACKOFF);
      schedule(backoff);
    }

    function schedule(seconds) {
      clearTimeout(timer);
      timer = setTimeout(load, seconds * 1000);
    }

    function load() {
      try {
        request();
      } catch (e) {
        fail();
      }
    }

    function request() {
      if (document.hidden) return schedule(refresh);
      var q = "lang=" + encodeURIComponent(lang) + (d.menuId ? "&menu_id=" + encodeURIComponent(d.menuId) : "") +
        (channels.length === 1 ? "&channel_type=" + channels[0] : "");
      var abort = window.AbortController ? new AbortController() : null;
      var stop = setTimeout(function () { if (abort) abort.abort(); }, TIMEOUT_MS);
      fetch(d.api.replace(/\/$/, "") + "/wait_times?" + q, {
        headers: { "X-Publishable-Key": d.key }, credentials: "omit", cache: "no-cache", signal: abort && abort.signal
      }).then(function (response) {
        if (!response.ok) throw response.status;
        // never faster than the API says its answer stays fresh
        var next = Math.max(refresh, maxAge(response));
        return response.json().then(function (rows) {
          render(rows);
          backoff = refresh;
          schedule(next);
        });
      }).catch(fail).then(function () { clearTimeout(stop); });
    }

    if (!d.api || !d.key || !window.fetch) return fallback();
    load();
  }

  try {
    start();
  } catch (e) {
    // a widget must never break the page it is embedded in
  }
})();
