package org.gridsettle.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A null given to a builder setting is refused at once, naming the setting: a host wiring its configuration from a
 * properties file (a missing key is a null) used to get a NullPointerException with no message at all.
 */
class BuilderNullSettingsTest
{
    @Test
    void eachNullSettingIsRefusedNamingTheSetting()
    {
        final Map<String, Consumer<SettlementEngine.Builder>> settings = Map.of(
            "durability", builder -> builder.durability(null),
            "sealing", builder -> builder.sealing(null),
            "pretouch", builder -> builder.pretouch(null),
            "waitStrategy", builder -> builder.waitStrategy(null),
            "listener", builder -> builder.listener(null));
        settings.forEach((name, setting) ->
            assertThatThrownBy(() -> setting.accept(SettlementEngine.builder()))
                .as(name)
                .isInstanceOf(NullPointerException.class)
                .hasMessage(name));
    }
}
