package org.gridsettle.engine;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoChronicleAnalyticsTest
{
    @Test
    void noChronicleAnalyticsClassOrJarIsOnTheClasspath()
    {
        assertThatThrownBy(() -> Class.forName("net.openhft.chronicle.analytics.Analytics"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThat(getClass().getClassLoader().getResource("net/openhft/chronicle/analytics")).isNull();
        final String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        assertThat(entries).as("the classpath is real").anyMatch(e -> e.contains("chronicle-queue"));
        assertThat(Arrays.stream(entries).filter(e -> e.contains("chronicle-analytics"))).isEmpty();
    }

    @Test
    void analyticsAndAnnouncerAreSwitchedOffInTheTestJvm()
    {
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
        assertThat(System.getProperty("chronicle.announcer.disable")).isEqualTo("true");
    }
}
