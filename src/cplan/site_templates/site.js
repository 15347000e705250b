/* cplan site: sort and filter the table of plans. The page reads fine without this. */
(function () {
  "use strict";
  var table = document.getElementById("plans-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("plans-filter");
  var status = document.getElementById("plans-status");
  var count = document.getElementById("plans-count");
  document.getElementById("plans-controls").hidden = false;

  function apply() {
    var words = filter.value.trim().toLowerCase();
    var wanted = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!words || row.textContent.toLowerCase().indexOf(words) >= 0) &&
        (!wanted || (" " + row.getAttribute("data-statuses") + " ").indexOf(" " + wanted + " ") >= 0);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = "显示 " + shown + " / " + rows.length + " 个方案";
  }
  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);

  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    if (value === null) { value = cell.textContent.trim(); }
    return numeric ? parseFloat(value) : value;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var numeric = th.getAttribute("data-type") === "num";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, column, numeric), y = key(b, column, numeric);
        var order = numeric ? x - y : x.localeCompare(y, "zh-CN");
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
}());
