// The Teams tabs' script (served by the bot, no inline script under the page's CSP). Outside Teams it does nothing:
// the page keeps saying how to open the dashboard. Inside Teams: the channel view sends the SSO token and the
// conversation's id to the bot and opens the dashboard it grants; the personal view lists the user's tables; the
// config view saves the channel tab. The token only ever goes to this origin, in the Authorization header.
(function () {
  "use strict";

  var root = document.getElementById("tab");
  var status = document.getElementById("status");
  var teams = window.microsoftTeams;
  var language = "fr";
  if (!root || !status || !teams || !teams.app) {
    return;
  }

  function text(key) {
    var found = document.querySelector('#texts [data-key="' + key + '"][lang="' + language + '"]');
    return found ? found.textContent : "";
  }

  function show(key) {
    status.textContent = text(key);
    status.hidden = false;
  }

  function hideHowTo() {
    var articles = document.querySelectorAll("article.howto");
    for (var i = 0; i < articles.length; i++) {
      articles[i].hidden = true;
    }
    document.documentElement.lang = language;
  }

  function post(path, token, body) {
    return fetch(path, {
      method: "POST",
      credentials: "omit",
      headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
      body: JSON.stringify(body || {}),
    });
  }

  function failure(response) {
    show(response.status === 403 ? "forbidden" : response.status === 404 ? "unknown" : "failed");
  }

  function channel(context, token) {
    var conversationId = (context.channel && context.channel.id) || (context.chat && context.chat.id) || null;
    return post("tab/grant", token, { conversationId: conversationId }).then(function (response) {
      if (!response.ok) {
        failure(response);
        return undefined;
      }
      return response.json().then(function (link) {
        window.location.replace(link.url);
      });
    });
  }

  function personal(token) {
    return post("tab/tables", token, {}).then(function (response) {
      if (!response.ok) {
        failure(response);
        return undefined;
      }
      return response.json().then(function (list) {
        var section = document.getElementById("tables");
        var ul = document.getElementById("table-list");
        section.querySelector("h1").textContent = text("tablesHeading");
        list.tables.forEach(function (table) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = table.url;
          a.textContent = table.label || text("unnamed");
          li.appendChild(a);
          ul.appendChild(li);
        });
        section.hidden = false;
        status.hidden = true;
        if (list.tables.length === 0) {
          show("noTables");
        } else if (list.truncated) {
          show("truncated");
        }
      });
    });
  }

  function configure() {
    var page = new URL(window.location.href);
    page.search = "?view=channel";
    teams.pages.config.registerOnSaveHandler(function (saveEvent) {
      teams.pages.config
        .setConfig({ entityId: "dashboard", contentUrl: page.href, suggestedDisplayName: text("title") })
        .then(function () { saveEvent.notifySuccess(); }, function (error) { saveEvent.notifyFailure(String(error)); });
    });
    teams.pages.config.setValidityState(true);
    show("configReady");
  }

  var outsideTeams = new Promise(function (_, reject) {
    window.setTimeout(function () { reject(new Error("not in Teams")); }, 5000);
  });
  Promise.race([teams.app.initialize(), outsideTeams])
    .then(function () { return teams.app.getContext(); })
    .then(function (context) {
      var locale = (context.app && context.app.locale) || "fr";
      language = locale.toLowerCase().indexOf("en") === 0 ? "en" : "fr";
      hideHowTo();
      var view = root.getAttribute("data-view");
      if (view === "config") {
        configure();
        return undefined;
      }
      show("loading");
      return teams.authentication.getAuthToken()
        .then(function (token) {
          return view === "personal" ? personal(token) : channel(context, token);
        })
        .catch(function () {
          show("failed");
        });
    })
    .catch(function () {
      // Not in a Teams host (or it never answered): the page keeps its how-to text and shows no data.
    });
})();
