// Customers per segment as a bar chart; the table above holds the same figures for people without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("segment-chart");
  var source = document.getElementById("segment-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.counts, backgroundColor: data.colours }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
});
