package org.gpu4j;

/** What kind of processor a {@link Device} is. A CPU device is never called a GPU. */
public enum DeviceType {
    GPU, CPU, ACCELERATOR, OTHER
}
