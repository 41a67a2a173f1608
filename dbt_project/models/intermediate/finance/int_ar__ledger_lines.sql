{#- The rows of the quarterly receivables ledgers (应收账款台账) with their quarter end and the keys compared with
    the ERP: the bill number (norm_code) and the customer name (norm_org). -#}
with ledger as (
    select * from {{ ref('stg_ledger__ar_ledger') }}
),

final as (
    select
        ledger.*,
        (make_date(cast(left(ledger.ledger_period, 4) as integer),
                   cast(right(ledger.ledger_period, 1) as integer) * 3, 1)
         + interval '1 month' - interval '1 day')::date as quarter_end,
        -- keys
        {{ norm_code('ledger.bill_no') }} as bill_key,
        {{ norm_org('ledger.customer_name') }} as customer_name_key
    from ledger
)

select * from final
