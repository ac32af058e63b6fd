// Progressive enhancement only: every page works without this file. A module, loaded with type="module".
import { t } from "./words.js";

(function () {
  var zone = document.getElementById("tz");
  try {
    var name = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && name && !zone.value) { zone.value = name; zone.disabled = false; }
  } catch (e) { /* no Intl: times stay in each group's own zone */ }

  // The visitor's zone travels in the links that show times, so "tonight" is the visitor's tonight.
  try {
    var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (visitorZone) {
      Array.prototype.forEach.call(document.querySelectorAll("a[data-zone]"), function (link) {
        var url = new URL(link.getAttribute("href"), document.baseURI);
        if (!url.searchParams.has("tz")) { url.searchParams.set("tz", visitorZone); }
        link.setAttribute("href", url.pathname + url.search + url.hash);
      });
    }
  } catch (e) { /* the links keep the meetings' own zones */ }

  Array.prototype.forEach.call(document.querySelectorAll("button.share-button"), function (share) {
    if (typeof navigator.share !== "function") { return; }
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: share.getAttribute("data-title"), url: share.getAttribute("data-url") }).catch(function () {});
    });
  });

  var button = document.getElementById("use-location");
  if (!button || !("geolocation" in navigator)) { return; }
  var status = document.getElementById("location-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = t("Asking your browser for your location…");
    navigator.geolocation.getCurrentPosition(function (position) {
      var form = button.form;
      form.elements.lat.value = position.coords.latitude.toFixed(3);
      form.elements.lon.value = position.coords.longitude.toFixed(3);
      form.elements.lat.disabled = false;
      form.elements.lon.disabled = false;
      form.elements.place.value = "";
      status.textContent = t("Searching near you…");
      form.submit();
    }, function () {
      status.textContent = t("Your location is not available. Type a town, city or postcode instead.");
    }, { maximumAge: 600000, timeout: 15000 });
  });
})();
