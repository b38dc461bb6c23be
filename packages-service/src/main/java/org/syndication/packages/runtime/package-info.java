/**
 * The topology running in the service: the topics it needs, its start once the articles
 * topic exists, its stop, its health and its metrics.
 */
package org.syndication.packages.runtime;
