/**
 * What an operator defines: a package's name, the rule an article must meet to be in it,
 * and the format its topic carries; and how a definition is written on the
 * {@value org.syndication.packages.definition.PackageDefinitions#TOPIC} topic.
 */
package org.syndication.packages.definition;
