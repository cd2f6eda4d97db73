/** How trace rows and stats counts are printed: a table for people, JSON Lines and CSV for programs. */
package org.smtptrail.cli.render;
