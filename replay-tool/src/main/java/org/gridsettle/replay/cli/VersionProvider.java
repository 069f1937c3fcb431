package org.gridsettle.replay.cli;

import picocli.CommandLine;

/**
 * Reports the build version from the jar manifest, and the JVM it runs on.
 */
final class VersionProvider implements CommandLine.IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final String version = SettleCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "settle " + (version == null ? "development build" : version),
            "JVM: ${java.version} (${java.vendor} ${java.vm.name} ${java.vm.version})"};
    }
}
