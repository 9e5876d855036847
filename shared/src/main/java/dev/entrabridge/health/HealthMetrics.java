package dev.entrabridge.health;

/**
 * Where a health report's metrics go: CloudWatch Embedded Metric Format on AWS, structured log
 * lines on Azure (Application Insights collects them). Alarms are defined on these.
 */
@FunctionalInterface
public interface HealthMetrics {

    void publish(HealthReport report);
}
