package dev.contactcenter.testpush;

/** The alert the test push shows on the device. */
record Notification(String title, String body) {}
