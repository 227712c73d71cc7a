// The one place the portal pages take their chart from, so swapping the chart is one line.
export { RatingChart } from '../chart.js';
