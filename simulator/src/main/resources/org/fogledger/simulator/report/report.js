// Draws the simulator report's charts with uPlot from the JSON in #report-data.
// Each chart container (.chart, data-chart = throughput | latency | lag, data-operation = index into operations)
// gets data-drawn="<points>" once uPlot has drawn it; the body counts drawn charts in data-charts-drawn.
// A chart that cannot be drawn says why, visibly and in data-chart-error, so a reader (or a test) never
// mistakes an empty box for a quiet run.
(function () {
  'use strict';

  var body = document.body;
  var containers = Array.prototype.slice.call(document.querySelectorAll('.chart'));
  var drawn = 0;
  body.setAttribute('data-charts-drawn', '0');

  function fail(container, why) {
    container.setAttribute('data-chart-error', why);
    var message = document.createElement('p');
    message.className = 'chart-error';
    message.textContent = 'This chart could not be drawn: ' + why;
    container.appendChild(message);
  }

  function failAll(why) {
    containers.forEach(function (container) { fail(container, why); });
  }

  var data;
  try {
    data = JSON.parse(document.getElementById('report-data').textContent);
  } catch (e) {
    failAll('the report data could not be read (' + e.message + ')');
    return;
  }
  if (typeof uPlot !== 'function') {
    failAll('the chart library (uPlot) did not load');
    return;
  }

  var COLOURS = {
    completed: '#1f77b4', errors: '#d62728',
    p50: '#2ca02c', p99: '#ff7f0e', max: '#9467bd',
    lag: '#8c564b', behind: '#17becf'
  };

  function line(label, colour, scale) {
    return { label: label, stroke: colour, width: 2, scale: scale, spanGaps: false,
             points: { show: false } };
  }

  function axis(scale, label, side) {
    return { scale: scale, label: label, side: side, grid: { show: side !== 1 } };
  }

  var X_AXIS = { label: 'seconds since start' };
  var X_SERIES = { label: 'second' };

  function throughput(operation) {
    return {
      // Errors get their own axis: a few per second would lie flat on the scale of thousands completed.
      series: [X_SERIES, line('completed/s', COLOURS.completed, 'per-s'),
               line('errors/s', COLOURS.errors, 'errors-per-s')],
      axes: [X_AXIS, axis('per-s', 'completed per second', 3), axis('errors-per-s', 'errors per second', 1)],
      data: [operation.t, operation.completedPerSecond, operation.errorsPerSecond]
    };
  }

  function latency(operation) {
    return {
      series: [X_SERIES, line('p50 ms', COLOURS.p50, 'ms'), line('p99 ms', COLOURS.p99, 'ms'),
               line('max ms', COLOURS.max, 'ms')],
      axes: [X_AXIS, axis('ms', 'latency (ms)', 3)],
      data: [operation.t, operation.p50Ms, operation.p99Ms, operation.maxMs]
    };
  }

  function lag(samples) {
    return {
      series: [X_SERIES, line('max lag ms', COLOURS.lag, 'ms'),
               line('behind schedule', COLOURS.behind, 'ops')],
      axes: [X_AXIS, axis('ms', 'simulator lag (ms)', 3), axis('ops', 'operations behind', 1)],
      data: [samples.t, samples.maxLagMs, samples.behind]
    };
  }

  function chartFor(container) {
    var kind = container.getAttribute('data-chart');
    if (kind === 'lag') {
      return lag(data.lag);
    }
    var operation = data.operations[Number(container.getAttribute('data-operation'))];
    if (!operation) {
      throw new Error('no data for operation ' + container.getAttribute('data-operation'));
    }
    if (kind === 'throughput') {
      return throughput(operation);
    }
    if (kind === 'latency') {
      return latency(operation);
    }
    throw new Error('unknown chart kind ' + kind);
  }

  containers.forEach(function (container) {
    try {
      var chart = chartFor(container);
      var counted = false;
      new uPlot({
        width: Math.max(container.clientWidth, 480),
        height: 260,
        scales: { x: { time: false } },
        series: chart.series,
        axes: chart.axes,
        hooks: {
          // uPlot draws after the constructor returns; only then is the chart really there.
          draw: [function (plot) {
            container.setAttribute('data-drawn', String(plot.data[0].length));
            if (!counted) {
              counted = true;
              drawn += 1;
              body.setAttribute('data-charts-drawn', String(drawn));
            }
          }]
        }
      }, chart.data, container);
    } catch (e) {
      fail(container, e.message);
    }
  });
})();
