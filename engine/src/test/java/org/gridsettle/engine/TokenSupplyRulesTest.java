package org.gridsettle.engine;

import org.gridsettle.engine.ledger.Ledger;
import org.gridsettle.engine.ledger.SystemAccounts;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.pricing.money.TokenSymbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a treasurer reconciles: where a program token's supply sits once interest is paid and redeemed, and what a
 * credit taken back after it was redeemed leaves behind (FORMAT.md section 5, "Supply and reserve").
 */
class TokenSupplyRulesTest
{
    private static final long SOLAR = TokenSymbol.pack("SOLAR");
    private static final long NOON = EngineFixture.START + 12 * 3600; // off-peak export 50,000 µ/kWh
    private static final long DAY = 20_514;                          // 2026-03-02

    @TempDir
    Path dir;

    @Test
    void interestIsPaidByTheYieldAccountSoSupplyIsMinusIssuanceAndYield()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);                      // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 4_000);        // 4: 4 kWh x 0.05 = 200,000 µ SOLAR minted
            engine.accrueInterest(1, SOLAR, 100_000, DAY);       // 5: 1,000% APY on 200,000
            engine.redeem(1, 1001, SOLAR, 201_318);              // 6: everything held, the interest included
        }
        // daily rate at 1,000% APY = 11^(1/365) - 1 = 0.006591... ; 200,000 x r = 1,318.2 -> 1,318 (half-even)
        final Outputs out = Outputs.of(dir);
        assertThat(Outputs.transfer(out.causedBy(5).get(0)).amount()).isEqualTo(1_318);
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).amount()).isEqualTo(201_318);
        final Ledger ledger = engine.ledger();
        final int solar = ledger.findToken(SOLAR);
        assertThat(ledger.balance(1001, solar)).isZero();
        // the burn of the interest lands in issuance, which then shows more burnt than minted; yield paid it
        assertThat(ledger.balance(SystemAccounts.ISSUANCE, solar)).isEqualTo(1_318);
        assertThat(ledger.balance(SystemAccounts.YIELD, solar)).isEqualTo(-1_318);
        assertThat(-(ledger.balance(SystemAccounts.ISSUANCE, solar) + ledger.balance(SystemAccounts.YIELD, solar)))
            .as("supply held by customers").isZero();
    }

    @Test
    void aCreditCorrectedAwayAfterItWasRedeemedLeavesTheCustomerOwingTokens()
    {
        final SettlementEngine engine = SettlementEngine.builder().journalDir(dir).build().start();
        try (engine)
        {
            EngineFixture.setUp(engine, 1);                      // inputs 1..3
            engine.submitTick(1, 0, NOON, 900, 0, 2_000);        // 4: 100,000 µ SOLAR minted
            engine.redeem(1, 1001, SOLAR, 100_000);              // 5: all of it paid out
            engine.submitCorrection(1, 0, NOON, 900, 0, 0);      // 6: the export was not there: credit reversed
            engine.accrueInterest(1, SOLAR, 500, DAY);           // 7: no interest on a debt
            engine.redeem(2, 1001, SOLAR, 1);                    // 8: nothing to redeem
            engine.submitTick(1, 0, NOON + 900, 900, 0, 1_200);  // 9: 60,000 µ: pays the debt down first
            engine.redeem(3, 1001, SOLAR, 1);                    // 10: still owing 40,000
        }
        final Outputs out = Outputs.of(dir);
        assertThat(out.causedBy(6)).hasSize(1);
        assertThat(Outputs.transfer(out.causedBy(6).get(0)).debitAccount()).isEqualTo(1001);
        assertThat(out.causedBy(7)).isEmpty();
        assertThat(Outputs.rejection(out.causedBy(8).get(0))).isEqualTo(ReasonCode.INSUFFICIENT_BALANCE);
        assertThat(Outputs.rejectionSubject(out.causedBy(8).get(0))).as("FORMAT.md: the account").isEqualTo(1001);
        assertThat(Outputs.rejection(out.causedBy(10).get(0))).isEqualTo(ReasonCode.INSUFFICIENT_BALANCE);
        final Ledger ledger = engine.ledger();
        final int solar = ledger.findToken(SOLAR);
        assertThat(ledger.balance(1001, solar)).isEqualTo(-40_000);
        // issuance shows 40,000 more burnt than minted: the reserve paid out a credit the customer now owes back
        assertThat(ledger.balance(SystemAccounts.ISSUANCE, solar)).isEqualTo(40_000);
    }
}
