/**
 * The service's HTTP side, for operators only: health, info and, with the management
 * token, metrics.
 */
package org.syndication.packages.web;
