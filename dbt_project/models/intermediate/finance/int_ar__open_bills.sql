{#- Open receivable bills net of red ink (红字应收单). NC writes a reversal as a bill of its own with a negative
    amount and open balance (红字, not a credit on the original); until it is written off against the original
    both stay open. Here a red-ink bill's open balance reduces the open bills of the same subsidiary and
    customer: first an open bill of exactly the reversed amount (the k-th such bill by date with the k-th such
    red-ink bill), the rest the customer's remaining open bills oldest first. A bill it reduces has moved on the
    red-ink bill's date (a reversal clears an old item, it is a movement); the red-ink bill itself is never an
    open receivable, so it is neither aged debt nor an idle balance. A bill cleared in full keeps open_balance 0. -#}
with bills as (
    select * from {{ ref('stg_nc_erp__ar_bill') }}
),

blue as (
    select
        bills.*,
        row_number() over (partition by subsidiary_code, customer_code, open_balance order by bill_date, bill_no)
            as amount_rank
    from bills
    where open_balance > 0
),

red as (
    select
        bills.*,
        row_number() over (partition by subsidiary_code, customer_code, open_balance order by bill_date, bill_no)
            as amount_rank
    from bills
    where open_balance < 0
),

-- a red-ink bill of an open bill's exact amount reverses it (the oldest first)
paired as (
    select
        blue.bill_no,
        red.bill_no as red_bill_no,
        red.bill_date as red_bill_date
    from blue
    inner join red
        on red.subsidiary_code = blue.subsidiary_code
        and red.customer_code = blue.customer_code
        and red.open_balance = -blue.open_balance
        and red.amount_rank = blue.amount_rank
),

-- the other red ink of a customer, applied to its remaining open bills oldest first
unpaired as (
    select
        subsidiary_code,
        customer_code,
        -sum(open_balance) as red_ink_left,
        max(bill_date) as red_bill_date,
        string_agg(bill_no, '、' order by bill_date, bill_no) as red_bill_nos
    from red
    where bill_no not in (select red_bill_no from paired)
    group by subsidiary_code, customer_code
),

remaining as (
    select
        blue.*,
        coalesce(sum(blue.open_balance) over (
            partition by blue.subsidiary_code, blue.customer_code order by blue.bill_date, blue.bill_no
            rows between unbounded preceding and 1 preceding), 0) as open_before
    from blue
    where blue.bill_no not in (select bill_no from paired)
),

allocated as (
    select
        remaining.bill_no,
        least(remaining.open_balance, greatest(unpaired.red_ink_left - remaining.open_before, 0)) as red_ink_amount,
        unpaired.red_bill_date,
        unpaired.red_bill_nos
    from remaining
    inner join unpaired
        on unpaired.subsidiary_code = remaining.subsidiary_code
        and unpaired.customer_code = remaining.customer_code
),

netted as (
    select
        blue.*,
        coalesce(case when paired.bill_no is not null then blue.open_balance end, allocated.red_ink_amount, 0)
            as red_ink_amount,
        coalesce(paired.red_bill_date, allocated.red_bill_date) as red_bill_date,
        coalesce(paired.red_bill_no, allocated.red_bill_nos) as red_bill_nos
    from blue
    left join paired on paired.bill_no = blue.bill_no
    left join allocated on allocated.bill_no = blue.bill_no
),

final as (
    select
        -- ids
        bill_no,
        subsidiary_code,
        customer_code,
        -- strings
        currency,
        summary,
        case when red_ink_amount > 0 then red_bill_nos end as red_bill_nos,
        -- amounts
        bill_amount,
        received_amount,
        cast(open_balance - red_ink_amount as numeric(18, 2)) as open_balance,
        open_balance as open_balance_before_red_ink,
        cast(red_ink_amount as numeric(18, 2)) as red_ink_amount,
        -- dates
        bill_date,
        due_date,
        case when red_ink_amount > 0
            then greatest(coalesce(last_movement_date, bill_date), red_bill_date)
            else last_movement_date end as last_movement_date,
        modified_at,
        -- lineage
        batch_id
    from netted
)

select * from final
