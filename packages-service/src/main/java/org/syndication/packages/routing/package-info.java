/**
 * The Kafka Streams topology that routes the articles topic into one topic per package:
 * {@link org.syndication.packages.routing.PackagesTopology} tells what it reads, keeps
 * and writes, and what its caller has to provide.
 */
package org.syndication.packages.routing;
