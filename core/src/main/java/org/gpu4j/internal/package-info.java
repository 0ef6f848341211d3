/**
 * Internal to core (not exported by the module {@code org.gpu4j.core}): {@link org.gpu4j.internal.LaunchPlan}, the
 * one launch policy every op family asks for kernel shape, work-group sizes and group counts, and
 * {@link org.gpu4j.internal.CoreAccess}, through which the family packages reach what the API package keeps
 * package-private (shared programs, scratch arrays, the storage identity and offset of an array).
 */
package org.gpu4j.internal;
